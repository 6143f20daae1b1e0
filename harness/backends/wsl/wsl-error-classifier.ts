import type { Classification, ErrorClassifier } from "../../retry.ts";
import { FINISHING_UPGRADE_TEXTS } from "./upgrade-texts.ts";
import { WslError } from "./wsl-error.ts";

/** Why an error may pass on its own, or "fatal". */
export type WslErrorKind = "vm-timeout" | "vhd-in-use" | "finishing-upgrade" | "rpc-disconnect" | "update-failed" | "fatal";

const RPC_DISCONNECTS = new Set(["RPC_S_SERVER_UNAVAILABLE", "RPC_S_CALL_FAILED", "RPC_E_DISCONNECTED"]);

export function isFinishingUpgrade(text: string): boolean {
  return FINISHING_UPGRADE_TEXTS.some((message) => text.includes(message));
}

/**
 * Sorts wsl.exe errors per reference/wsl-cli.md. Classified by the final code name (the path before it
 * drifts between versions), or its HRESULT when printed as hex. Everything not listed is fatal.
 */
export function wslErrorKind(error: unknown): WslErrorKind {
  if (!(error instanceof WslError)) return "fatal";
  const name = error.symbolicName;
  if (name === "HCS_E_CONNECTION_TIMEOUT") return "vm-timeout";
  if (name === "ERROR_SHARING_VIOLATION") return "vhd-in-use";
  if (name !== undefined && RPC_DISCONNECTS.has(name)) return "rpc-disconnect";
  if (isFinishingUpgrade(error.output)) return "finishing-upgrade";
  if (error.argv.includes("--update") && name !== "WSL_E_INVALID_USAGE" && name !== "E_INVALIDARG") return "update-failed";
  return "fatal";
}

/** What the classifier may do between tries. */
export interface WslRecoveries {
  /** `wsl --shutdown`. */
  shutdown(): Promise<void>;
  /** Polls `wsl --status` until the upgrade message is gone (bounded). */
  waitForUpgrade(): Promise<void>;
}

/**
 * The classifier for `withRetry`: HCS_E_CONNECTION_TIMEOUT and ERROR_SHARING_VIOLATION -> `--shutdown`, one
 * retry (the timeout also has deterministic causes); "finishing an upgrade" -> wait for `--status`, then
 * retry; RPC disconnects and `--update` failures -> a few retries; anything else never.
 */
export function createWslErrorClassifier(recoveries: WslRecoveries): ErrorClassifier {
  return (error: unknown): Classification => {
    const kind = wslErrorKind(error);
    const code = error instanceof WslError ? (error.code ?? error.name) : "";
    switch (kind) {
      case "vm-timeout":
      case "vhd-in-use":
        return { transient: true, reason: `${code}: wsl --shutdown, then retry once`, recover: () => recoveries.shutdown(), maxRetries: 1 };
      case "finishing-upgrade":
        return { transient: true, reason: "WSL is finishing an upgrade: wait for wsl --status", recover: () => recoveries.waitForUpgrade(), maxRetries: 2 };
      case "rpc-disconnect":
        return { transient: true, reason: `${code}: the WSL service dropped the call`, maxRetries: 2 };
      case "update-failed":
        return { transient: true, reason: `wsl --update failed (${code})`, maxRetries: 3 };
      default:
        return { transient: false };
    }
  };
}
