/** The colours of a suite's phases in the run timeline and the per-suite bars. */
export const PHASE_COLORS = { import: "#6366f1", boot: "#f59e0b", tests: "#10b981", failed: "#dc2626", skipped: "#a3a3a3", other: "#cbd5e1" } as const;
