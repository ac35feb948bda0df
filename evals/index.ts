// Public API of evals/ (re-exported by the package entry).
export {};
