// Public API of agents/ (re-exported by the package entry).
export {};
