// Public API of calibration/: fit the simulator's parameters to a market tape; calibrated env preset files.
export * from './intensity.js';
export * from './power-law-intensity.js';
export * from './intensity-choice.js';
export * from './side-symmetry.js';
export * from './volatility.js';
export * from './fill-ladder.js';
export * from './calibrate.js';
export * from './calibrated-config.js';
