import { describe, expect, test } from "vitest";
import { cachedImageLabels, cachedImageTag, imageCacheEnabled, isCachedImage } from "./image-cache.ts";

const SHA = "ab".repeat(32);

describe("the image cache's names", () => {
  test("is on only with NWH_IMAGE_CACHE=1", () => {
    expect(imageCacheEnabled({ NWH_IMAGE_CACHE: "1" })).toBe(true);
    for (const value of [undefined, "0", "true", ""]) expect(imageCacheEnabled({ NWH_IMAGE_CACHE: value })).toBe(false);
  });

  test("a tag per consumer and tarball content, known as the cache's; labels without a run", () => {
    expect(cachedImageTag("distro", SHA)).toBe(`nwh-cache/distro:${SHA.slice(0, 24)}`);
    expect(cachedImageTag("wslemu-rootfs", SHA)).not.toBe(cachedImageTag("distro", SHA));
    expect(isCachedImage(cachedImageTag("wslemu-rootfs", SHA))).toBe(true);
    expect(isCachedImage(`nwh-distro/nwh-1a2b:${SHA.slice(0, 24)}`)).toBe(false);
    expect(Object.keys(cachedImageLabels(SHA)).sort()).toEqual(["nwh.image-cache", "nwh.tarball-sha256"]);
    expect(() => cachedImageTag("distro", "not-a-sha")).toThrow(/64 lowercase hex digits/);
  });
});
