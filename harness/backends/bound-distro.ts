import type { Backend, DistroExecOptions, DistroInfo, StartedDistro } from "../backend.ts";

/** The started-distro handle every backend returns from importDistro/adoptDistro: its name-addressed calls, bound. */
export function bindDistro(backend: Backend, info: DistroInfo): StartedDistro {
  return new BoundDistro(backend, info);
}

class BoundDistro implements StartedDistro {
  readonly name: string;
  readonly owned: boolean;
  readonly tarball?: string;
  readonly tarballSha256?: string;
  readonly #backend: Backend;
  #removed = false;

  constructor(backend: Backend, info: DistroInfo) {
    this.#backend = backend;
    this.name = info.name;
    this.owned = info.owned;
    if (info.tarball !== undefined) this.tarball = info.tarball;
    if (info.tarballSha256 !== undefined) this.tarballSha256 = info.tarballSha256;
  }

  get kind(): string {
    return this.#backend.kind;
  }
  get sharesHostClock(): boolean {
    return this.#backend.sharesHostClock ?? false;
  }
  async capabilities() {
    return this.#live().capabilities(this.name);
  }
  async hostFacts() {
    return this.#backend.hostFacts();
  }
  get hostDiagnostics(): StartedDistro["hostDiagnostics"] {
    const backend = this.#backend;
    return backend.hostDiagnostics ? (options) => backend.hostDiagnostics!(options) : undefined;
  }
  async exec(argv: readonly string[], options?: DistroExecOptions) {
    return this.#live().exec(this.name, argv, options);
  }
  async shell(commandLine: string, options?: DistroExecOptions) {
    return this.#live().shell(this.name, commandLine, options);
  }
  async terminate() {
    return this.#live().terminate(this.name);
  }
  async shutdownAll() {
    return this.#backend.shutdown();
  }
  keep(): void {
    this.#backend.keepDistro?.(this.name);
  }
  async unregister(): Promise<void> {
    if (this.#removed) return;
    await this.#backend.unregister(this.name);
    this.#removed = true;
  }
  async copyToDistro(hostPath: string, distroPath: string, options?: { user?: string }) {
    return this.#live().copyToDistro(this.name, hostPath, distroPath, options);
  }
  async copyFromDistro(distroPath: string, hostPath: string) {
    return this.#live().copyFromDistro(this.name, distroPath, hostPath);
  }
  async toDistroPath(hostPath: string) {
    return this.#live().toDistroPath(this.name, hostPath);
  }
  async toHostPath(distroPath: string) {
    return this.#live().toHostPath(this.name, distroPath);
  }
  async distroEndpoint(port: number) {
    return this.#live().distroEndpoint(this.name, port);
  }
  async hostServiceAddress() {
    return this.#live().hostServiceAddress(this.name);
  }

  /** The backend, unless this handle already removed the distro (a call then would address a name that is gone). */
  #live(): Backend {
    if (this.#removed) throw new Error(`distro ${this.name} was unregistered through this handle; import a new one`);
    return this.#backend;
  }
}
