/** LXSS_DISTRO_DEFAULT_ENVIRONMENT (wslservice.idl): what every process WSL starts gets first. */
export const WSL_DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games";

export const WSL_DEFAULT_ENVIRONMENT: Readonly<Record<string, string>> = {
  HOSTTYPE: "x86_64",
  LANG: "en_US.UTF-8",
  PATH: WSL_DEFAULT_PATH,
  TERM: "xterm-256color",
};

/** Where WSL's init is in every distro (bind-mounted read-only from the host by both Docker-based twins). */
export const INIT_IN_DISTRO = "/init";

/** What init keeps per instance start inside the distro (/run is a tmpfs: gone at the next start). */
export const INIT_STATE_DIR = "/run/nwh-wsl-init";
/** The wsl.conf as PID 1 read it at this instance start. */
export const BOOT_WSL_CONF = `${INIT_STATE_DIR}/wsl.conf`;

/** The variables WSL sets for a user when systemd runs (CreateProcessCommon). */
export function systemdSessionVariables(uid: number): Record<string, string> {
  return { DBUS_SESSION_BUS_ADDRESS: `unix:path=/run/user/${uid}/bus`, XDG_RUNTIME_DIR: `/run/user/${uid}` };
}

/** WSLg's display variables, set in every process while GUI applications are on. */
export const WSLG_VARIABLES: Readonly<Record<string, string>> = { DISPLAY: ":0", WAYLAND_DISPLAY: "wayland-0" };
