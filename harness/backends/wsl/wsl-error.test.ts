import { describe, expect, it } from "vitest";
import { recordedBytes } from "./recorded/read-recorded.ts";
import { createWslErrorClassifier, wslErrorKind } from "./wsl-error-classifier.ts";
import { parseWslErrorOutput, WslError } from "./wsl-error.ts";
import { decodeWslOutput } from "./wsl-output.ts";

const text = (file: string) => decodeWslOutput(recordedBytes(file));
const errorFrom = (file: string, argv = ["wsl.exe", "-d", "NixOS", "--exec", "true"], extra = "") =>
  new WslError(parseWslErrorOutput(text(file)), { argv, exitCode: 4294967295, output: `${text(file)}${extra}` });

describe("parseWslErrorOutput", () => {
  const cases: [file: string, code: string | undefined, name: string | undefined, hresult: number | undefined, message: string][] = [
    ["error-distro-not-found-en.utf16le.txt", "Wsl/Service/WSL_E_DISTRO_NOT_FOUND", "WSL_E_DISTRO_NOT_FOUND", 0x80040302, "There is no distribution with the supplied name."],
    ["error-distro-not-found-de.utf8.txt", "Wsl/Service/WSL_E_DISTRO_NOT_FOUND", "WSL_E_DISTRO_NOT_FOUND", 0x80040302, "Es ist keine Distribution mit dem angegebenen Namen vorhanden."],
    ["error-distro-not-found-ja.utf16le.txt", "Wsl/Service/WSL_E_DISTRO_NOT_FOUND", "WSL_E_DISTRO_NOT_FOUND", 0x80040302, "指定された名前のディストリビューションはありません。"],
    ["error-hcs-timeout-createvm.utf16le.txt", "Wsl/Service/CreateInstance/CreateVm/HCS_E_CONNECTION_TIMEOUT", "HCS_E_CONNECTION_TIMEOUT", 0x80370109, "The operation timed out because a response was not received from the virtual machine or container."],
    ["error-hcs-timeout-register-fr.utf16le.txt", "Wsl/Service/RegisterDistro/CreateVm/HCS_E_CONNECTION_TIMEOUT", "HCS_E_CONNECTION_TIMEOUT", 0x80370109, "Importation en cours. Cette opération peut prendre quelques minutes.\nL’opération a expiré, car aucune réponse n’a été reçue de la machine virtuelle ou du conteneur."],
    ["error-sharing-violation.utf16le.txt", "Wsl/Service/CreateInstance/MountDisk/HCS/ERROR_SHARING_VIOLATION", "ERROR_SHARING_VIOLATION", 0x80070020, "Failed to attach disk 'C:\\Users\\runneradmin\\nwh\\nwh-smoke-k3j9x2\\ext4.vhdx' to WSL2: The process cannot access the file because it is being used by another process."],
    ["error-sharing-violation-hex-zh-TW.utf8.txt", "Wsl/Service/CreateInstance/MountVhd/0x80070020", "0x80070020", 0x80070020, "無法將磁片'C:\\VMs\\WSL-Ubuntu\\ext4.vhdx'連結到 WSL2： The process cannot access the file because it is being used by another process."],
    ["error-invalidarg-import.utf16le.txt", "Wsl/Service/RegisterDistro/E_INVALIDARG", "E_INVALIDARG", 0x80070057, "Import in progress, this may take a few minutes.\nThe parameter is incorrect."],
    ["error-file-not-found-createvm.utf16le.txt", "Wsl/Service/CreateInstance/CreateVm/HCS/ERROR_FILE_NOT_FOUND", "ERROR_FILE_NOT_FOUND", 0x80070002, "The system cannot find the file specified."],
    ["error-local-system.utf8.txt", "Wsl/WSL_E_LOCAL_SYSTEM_NOT_SUPPORTED", "WSL_E_LOCAL_SYSTEM_NOT_SUPPORTED", 0x8004032e, "Running WSL as local system is not supported."],
    ["error-gui-disabled.utf16le.txt", "Wsl/Service/CreateInstance/WSL_E_GUI_APPLICATIONS_DISABLED", "WSL_E_GUI_APPLICATIONS_DISABLED", 0x8004031e, "GUI application support is disabled via C:\\Users\\runneradmin\\.wslconfig or /etc/wsl.conf."],
    ["error-rpc-server-unavailable.utf16le.txt", "Wsl/Service/0x800706ba", "0x800706ba", 0x800706ba, "The RPC server is unavailable."],
    ["error-rpc-disconnected-fr.utf8.txt", "Wsl/Service/RPC_E_DISCONNECTED", "RPC_E_DISCONNECTED", 0x80010108, "L’objet invoqué s’est déconnecté de ses clients."],
    ["error-old-inline-code.utf16le.txt", "0xc004000d", "0xc004000d", 0xc004000d, "Installing: Virtual Machine Platform\nAn unrecoverable error occurred during installation. Component: 'Virtual Machine Platform'"],
    ["error-old-bare-hresult.utf16le.txt", "0x80370102", "0x80370102", 0x80370102, "The virtual machine could not be started because a required feature is not installed."],
    ["error-invalid-usage.utf16le.txt", undefined, undefined, undefined, "Invalid command line argument: --frobnicate\nPlease use 'wsl.exe --help' to get a list of supported arguments."],
  ];

  it.each(cases)("%s", (file, code, name, hresult, message) => {
    expect(parseWslErrorOutput(text(file))).toEqual({ code, name, hresult, message });
  });

  it("finds the code after progress lines", () => {
    const parsed = parseWslErrorOutput(text("error-hcs-timeout-after-progress.utf8.txt"));
    expect(parsed.code).toBe("Wsl/Service/CreateInstance/HCS_E_CONNECTION_TIMEOUT");
    expect(parsed.message.split("\n").at(-1)).toBe("The operation timed out because a response was not received from the virtual machine or container.");
  });
});

describe("WslError", () => {
  it("carries the whole path as code, the final segment as name, and the command", () => {
    const error = errorFrom("error-hcs-timeout-createvm.utf16le.txt");
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe("Wsl/Service/CreateInstance/CreateVm/HCS_E_CONNECTION_TIMEOUT");
    expect(error.name).toBe("HCS_E_CONNECTION_TIMEOUT");
    expect(error.hresult).toBe(0x80370109);
    expect(error.exitCode).toBe(4294967295);
    expect(error.argv).toEqual(["wsl.exe", "-d", "NixOS", "--exec", "true"]);
    expect(error.message).toContain("wsl.exe -d NixOS --exec true");
    expect(error.message).toContain("[Wsl/Service/CreateInstance/CreateVm/HCS_E_CONNECTION_TIMEOUT = 0x80370109]");
    expect(error.message).toContain("The operation timed out");
  });

  it("names a hex code symbolically when the HRESULT is known", () => {
    const error = errorFrom("error-sharing-violation-hex-zh-TW.utf8.txt");
    expect(error.name).toBe("0x80070020");
    expect(error.symbolicName).toBe("ERROR_SHARING_VIOLATION");
    expect(error.message).toContain("[Wsl/Service/CreateInstance/MountVhd/0x80070020 = ERROR_SHARING_VIOLATION]");
  });

  it("is named WslError without a code", () => {
    expect(errorFrom("error-invalid-usage.utf16le.txt").name).toBe("WslError");
  });
});

describe("classification", () => {
  const transient: [string, string][] = [
    ["error-hcs-timeout-createvm.utf16le.txt", "vm-timeout"],
    ["error-hcs-timeout-after-progress.utf8.txt", "vm-timeout"],
    ["error-hcs-timeout-register-fr.utf16le.txt", "vm-timeout"],
    ["error-sharing-violation.utf16le.txt", "vhd-in-use"],
    ["error-sharing-violation-hex-zh-TW.utf8.txt", "vhd-in-use"],
    ["error-rpc-server-unavailable.utf16le.txt", "rpc-disconnect"],
    ["error-rpc-disconnected-fr.utf8.txt", "rpc-disconnect"],
  ];
  const fatal = [
    "error-distro-not-found-en.utf16le.txt",
    "error-distro-not-found-de.utf8.txt",
    "error-distro-not-found-ja.utf16le.txt",
    "error-invalidarg-import.utf16le.txt",
    "error-file-not-found-createvm.utf16le.txt",
    "error-local-system.utf8.txt",
    "error-gui-disabled.utf16le.txt",
    "error-invalid-usage.utf16le.txt",
    "error-old-inline-code.utf16le.txt",
    "error-old-bare-hresult.utf16le.txt",
  ];

  it.each(transient)("%s is transient (%s)", (file, kind) => {
    expect(wslErrorKind(errorFrom(file))).toBe(kind);
  });

  it.each(fatal)("%s is fatal", (file) => {
    expect(wslErrorKind(errorFrom(file))).toBe("fatal");
  });

  it("sees 'WSL is finishing an upgrade...' on stderr", () => {
    const error = errorFrom("error-update-failed-during-upgrade.stdout.utf16le.txt", ["wsl.exe", "-l", "-v"], text("error-update-failed-during-upgrade.stderr.utf16le.txt"));
    expect(wslErrorKind(error)).toBe("finishing-upgrade");
    expect(wslErrorKind(errorFrom("error-update-failed-during-upgrade.stdout.utf16le.txt", ["wsl.exe", "-l", "-v"]))).toBe("fatal");
  });

  it("retries failed `wsl --update` calls a few times", () => {
    expect(wslErrorKind(errorFrom("error-update-failed-during-upgrade.stdout.utf16le.txt", ["wsl.exe", "--update"]))).toBe("update-failed");
  });

  it("is fatal for anything that is not a WslError", () => {
    expect(wslErrorKind(new Error("boom"))).toBe("fatal");
    expect(wslErrorKind("text")).toBe("fatal");
  });

  it("recovers a VM timeout with --shutdown and allows one retry; RPC disconnects retry without recovery", async () => {
    const calls: string[] = [];
    const classify = createWslErrorClassifier({ shutdown: async () => void calls.push("shutdown"), waitForUpgrade: async () => void calls.push("wait") });
    const timeout = classify(errorFrom("error-hcs-timeout-createvm.utf16le.txt"));
    expect(timeout).toMatchObject({ transient: true, maxRetries: 1 });
    if (timeout.transient) await timeout.recover?.();
    expect(calls).toEqual(["shutdown"]);
    const rpc = classify(errorFrom("error-rpc-server-unavailable.utf16le.txt"));
    expect(rpc).toMatchObject({ transient: true, maxRetries: 2 });
    expect(rpc.transient && rpc.recover).toBeFalsy();
    expect(classify(errorFrom("error-distro-not-found-en.utf16le.txt"))).toEqual({ transient: false });
  });
});
