// Whether the command palette is open, so any screen can open it (e.g. "/" on a list without its own search box).
export const palette = $state({ open: false });
