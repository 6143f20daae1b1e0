/**
 * Keeps the first and the last bytes of a stream and counts the rest, so memory stays bounded
 * whatever a process prints.
 */
export class BoundedCapture {
  readonly #limit: number;
  readonly #head: Buffer[] = [];
  #headBytes = 0;
  #tail: Buffer[] = [];
  #tailBytes = 0;
  #dropped = 0;

  /** `limitBytes` is split evenly between head and tail. */
  constructor(limitBytes: number) {
    if (!Number.isInteger(limitBytes) || limitBytes < 2) {
      throw new RangeError(`capture limit must be an integer >= 2 bytes, got ${limitBytes}`);
    }
    this.#limit = limitBytes;
  }

  push(chunk: Buffer): void {
    const headRoom = Math.floor(this.#limit / 2) - this.#headBytes;
    if (headRoom > 0) {
      const part = chunk.subarray(0, headRoom);
      this.#head.push(part);
      this.#headBytes += part.length;
      chunk = chunk.subarray(part.length);
    }
    if (chunk.length === 0) return;
    this.#tail.push(chunk);
    this.#tailBytes += chunk.length;
    const tailLimit = this.#limit - Math.floor(this.#limit / 2);
    while (this.#tailBytes > tailLimit) {
      const first = this.#tail[0] as Buffer;
      const excess = this.#tailBytes - tailLimit;
      if (first.length <= excess) {
        this.#tail.shift();
        this.#tailBytes -= first.length;
        this.#dropped += first.length;
      } else {
        this.#tail[0] = first.subarray(excess);
        this.#tailBytes -= excess;
        this.#dropped += excess;
      }
    }
  }

  /** Bytes that were seen but not kept. */
  get droppedBytes(): number {
    return this.#dropped;
  }

  get truncated(): boolean {
    return this.#dropped > 0;
  }

  /** The kept bytes; when truncated, head and tail are joined by `marker`. */
  bytes(marker = Buffer.alloc(0)): Buffer {
    const parts = [...this.#head];
    if (this.#dropped > 0) parts.push(marker);
    parts.push(...this.#tail);
    return Buffer.concat(parts);
  }

  text(): string {
    const marker = Buffer.from(`\n[... ${this.#dropped} bytes omitted ...]\n`);
    return this.bytes(marker).toString("utf8");
  }
}
