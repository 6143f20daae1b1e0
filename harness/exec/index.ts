export { exec, DEFAULT_TIMEOUT_MS, type ExecOptions, type ExecResult } from "./run.ts";
export { ExecError, type ExecFailure } from "./exec-error.ts";
export { Transcript, formatTranscript, formatEntry, tail, type TranscriptEntry } from "./transcript.ts";
export { BoundedCapture } from "./bounded-capture.ts";
export { killLiveProcesses, killLiveProcessesOnExit } from "./live-processes.ts";
