/**
 * The one place that hooks the process's end: SIGINT, SIGTERM and SIGHUP, and the 'exit' event. Every part that
 * must clean up (kill exec's children, write the final report, remove distros, restore .wslconfig) registers a hook
 * here instead of its own listener, so no part has to guess from `process.listenerCount` what the others do.
 *
 * On the first signal every hook's `onSignal` runs once, in order (`first` hooks before the others, each group in
 * registration order; async ones awaited, all bounded by SIGNAL_HOOKS_MS), then the process exits with the signal's
 * usual code (128 + its number) -- unless a part holds the signals (a run that cancels itself and writes its reports):
 * then the holder gets every signal and ends the process itself. A second signal without a holder exits at once.
 * At 'exit', each hook's `onExit` runs (synchronous work only) unless its `onSignal` already ran.
 * With no hook and no holder, no listener is installed: the process keeps Node's own signal handling.
 */
export const END_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
export type EndSignal = (typeof END_SIGNALS)[number];
export const SIGNAL_EXIT_CODES: Readonly<Record<EndSignal, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
/** How long the signal hooks together may take before the process exits anyway. */
export const SIGNAL_HOOKS_MS = 120_000;

export interface ProcessEndHook {
  /** What it does, for messages. */
  label: string;
  /** Runs before the hooks without it (killing child processes before any cleanup starts new ones). */
  first?: boolean;
  onSignal?(signal: EndSignal): void | Promise<void>;
  /** At 'exit': blocking calls only. */
  onExit?(code: number): void;
}

interface Entry {
  hook: ProcessEndHook;
  ranOnSignal: boolean;
}

const entries: Entry[] = [];
let holder: ((signal: EndSignal) => void) | undefined;
let signalling = false;

/** Registers a hook; the returned function removes it (call it once the cleanup ran normally). */
export function onProcessEnd(hook: ProcessEndHook): () => void {
  const entry: Entry = { hook, ranOnSignal: false };
  const firstCount = entries.filter((e) => e.hook.first).length;
  if (hook.first) entries.splice(firstCount, 0, entry);
  else entries.push(entry);
  updateListeners();
  return () => {
    const index = entries.indexOf(entry);
    if (index >= 0) entries.splice(index, 1);
    updateListeners();
  };
}

/** While held, a signal runs the hooks and then calls `handler` instead of exiting; every later signal too. */
export function holdSignals(handler: (signal: EndSignal) => void): () => void {
  holder = handler;
  updateListeners();
  return () => {
    if (holder === handler) holder = undefined;
    updateListeners();
  };
}

function onSignal(signal: EndSignal): void {
  if (signalling) {
    if (holder) holder(signal);
    else process.exit(SIGNAL_EXIT_CODES[signal]);
    return;
  }
  signalling = true;
  const deadline = setTimeout(() => process.exit(SIGNAL_EXIT_CODES[signal]), SIGNAL_HOOKS_MS);
  void runSignalHooks(signal).finally(() => {
    clearTimeout(deadline);
    if (holder) {
      signalling = false;
      holder(signal);
    } else process.exit(SIGNAL_EXIT_CODES[signal]);
  });
}

async function runSignalHooks(signal: EndSignal): Promise<void> {
  for (const entry of [...entries]) {
    if (entry.ranOnSignal || !entry.hook.onSignal) continue;
    entry.ranOnSignal = true;
    try {
      await entry.hook.onSignal(signal);
    } catch (error) {
      process.stderr.write(`nwh: "${entry.hook.label}" failed on ${signal}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}

function onExit(code: number): void {
  for (const entry of [...entries]) {
    if (entry.ranOnSignal || !entry.hook.onExit) continue;
    try {
      entry.hook.onExit(code);
    } catch (error) {
      process.stderr.write(`nwh: "${entry.hook.label}" failed at exit: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}

const signalListeners = Object.fromEntries(END_SIGNALS.map((signal) => [signal, () => onSignal(signal)])) as Record<EndSignal, () => void>;

/** Installs the listeners while anything is registered; checks the process itself, since a caller may have removed them. */
function updateListeners(): void {
  const wanted = entries.length > 0 || holder !== undefined;
  for (const signal of END_SIGNALS) {
    const has = process.listeners(signal).includes(signalListeners[signal]);
    if (wanted && !has) process.prependListener(signal, signalListeners[signal]);
    else if (!wanted && has) process.off(signal, signalListeners[signal]);
  }
  const hasExit = process.listeners("exit").includes(onExit);
  if (wanted && !hasExit) process.on("exit", onExit);
  else if (!wanted && hasExit) process.off("exit", onExit);
}
