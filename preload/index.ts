// Preload: exposes the typed workbench client (see main/api); nothing raw.
export {};
