// The layer order of DESIGN.md, enforced by `npm run lint`: every import points down.
//   cli > run + bench > suites + report > distro > backends > base
// fixtures/ (the twins) sit beside the backends: they may use base and the WSL-init model, never the harness above.
const layers = [
  { name: "cli", path: "^harness/(cli\\.ts|cli/)" },
  { name: "run+bench", path: "^harness/(run|timing)/" },
  { name: "suites+report", path: "^(suites|harness/report)/" },
  { name: "distro", path: "^harness/(distro\\.ts|distro/)" },
  { name: "backends", path: "^harness/(backend\\.ts|backends/)" },
  { name: "base", path: "^harness/(exec|model|container|wsl-init|config)/|^harness/(wait|retry|file-lock)\\.ts$" },
];

const above = (index) => layers.slice(0, index).map((l) => l.path);

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle hides which module is the lower one.",
      from: { path: "^(harness|suites|fixtures)/" },
      to: { circular: true },
    },
    ...layers.slice(1).map((layer, i) => ({
      name: `no-upward-from-${layer.name.replace(/\W/g, "-")}`,
      severity: "error",
      comment: `${layer.name} imports only what lies below it (${layers.slice(i + 2).map((l) => l.name).join(", ") || "nothing of the harness"}).`,
      from: { path: layer.path, pathNot: "\\.(test|itest|wtest|test-helper)\\.ts$" },
      to: { path: above(i + 1) },
    })),
    {
      name: "suites-never-import-a-backend",
      severity: "error",
      from: { path: "^suites/", pathNot: "\\.(test|itest)\\.ts$" },
      to: { path: "^harness/backends/" },
    },
    {
      name: "backends-never-import-each-other",
      severity: "error",
      from: { path: "^harness/backends/([^/]+)/", pathNot: "\\.(test|itest|wtest|test-helper)\\.ts$" },
      to: { path: "^harness/backends/([^/]+)/", pathNot: "^harness/backends/$1/" },
    },
    {
      name: "twins-use-only-base",
      severity: "error",
      comment: "The emulator is a separate program standing in for wsl.exe: it may use base and the WSL-init model only.",
      // fixtures/wine runs the harness's own tests under Wine: a test runner, not a twin.
      from: { path: "^fixtures/", pathNot: "\\.(test|itest|wtest)\\.ts$|^fixtures/wine/" },
      to: { path: "^harness/", pathNot: layers[layers.length - 1].path },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    parser: "swc",
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
