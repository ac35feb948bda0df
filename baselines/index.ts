// Public API of baselines/ (re-exported by the package entry).
export {};
