import { describe, expect, it } from "vitest";
import { FakeBackend } from "../distro/fake-backend.test-helper.ts";

describe("the started-distro handle", () => {
  it("addresses every call to its own distro, without a name argument", async () => {
    const backend = new FakeBackend(["systemd"], "hyperv-fake").on((argv) => (argv[0] === "hostname" ? { stdout: "d1\n" } : undefined));
    const handle = await backend.importDistro({ name: "d1", tarball: "/t.wsl" });
    expect(handle).toMatchObject({ name: "d1", owned: true, tarball: "/t.wsl", kind: "hyperv-fake", sharesHostClock: false });
    expect((await handle.exec(["hostname"])).stdout).toBe("d1\n");
    await handle.terminate();
    await handle.copyToDistro("/h", "/d", { user: "root" });
    expect(await handle.distroEndpoint(8080)).toEqual({ host: "127.0.0.1", port: 8080 });
    expect(backend.events).toEqual(["import d1", "terminate d1", "copy /h -> /d as root"]);
  });

  it("refuses every call after unregister, and unregisters once", async () => {
    const backend = new FakeBackend();
    const handle = backend.bind("d2");
    await handle.unregister();
    await handle.unregister();
    await expect(handle.exec(["true"])).rejects.toThrow("distro d2 was unregistered through this handle; import a new one");
    await expect(handle.terminate()).rejects.toThrow(/unregistered/);
    expect(backend.events).toEqual(["unregister d2"]);
  });
});
