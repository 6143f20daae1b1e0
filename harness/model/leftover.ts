/** Something a run created and may have left behind (a container, an image, a network, a distro, a folder). */
export interface Leftover {
  kind: string;
  id: string;
  description: string;
  /** The run's own, not a suite file's (WSL's VHD template): removed at the run's end even with --keep. */
  runScoped?: boolean;
}
