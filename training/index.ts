// Public API of training/ (re-exported by the package entry).
export {};
