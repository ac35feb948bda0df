// Public API of models/ (re-exported by the package entry).
export {};
