/** Something a run created and may have left behind (a container, an image, a network, a distro, a folder). */
export interface Leftover {
  kind: string;
  id: string;
  description: string;
}
