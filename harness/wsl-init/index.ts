/** WSL's init as one model for both Docker-based twins (the Docker backend and the WSL emulator). */
export { argvCommandForm } from "./argv-command-form.ts";
export { type BootWaitResult, INIT_POLL_MS, SYSTEM_RUNNING_POLL, waitForDistroInit } from "./boot-wait.ts";
export { BOOT_WSL_CONF, INIT_IN_DISTRO, INIT_STATE_DIR, WSL_DEFAULT_ENVIRONMENT, WSL_DEFAULT_PATH } from "./default-environment.ts";
export { DEV_SHM_MODE_VARIABLE, type DevShmMode, devShmMode } from "./dev-shm-mode.ts";
export { distroRootShell, readDistroFile, rootShellDockerArgv } from "./distro-command.ts";
export { initBindMount, initContainerEnv } from "./init-mount.ts";
export { type InstanceStart, readBootWslConf, startInstance } from "./instance-start.ts";
export { type LaunchPlan, planLaunch } from "./launch.ts";
export { type LaunchForm, type LaunchRequest, launchDockerArgs } from "./launch-request.ts";
export { ensureLoginSession, type LoginSessionResult, userSessionPollCommand } from "./login-session.ts";
export { initTimeoutNote, userSessionWarning } from "./session-warning.ts";
export { parseWslBool, parseWslConf, parseWslInt, type WslDistroConfig, wslDistroConfig } from "./wsl-conf.ts";
