/** Every `mmgym` sub-command, one file each. Add a command by appending it here. */
import type { CommandModule } from 'yargs';
import { evalCommand } from './eval.js';
import { reportCommand } from './report.js';
import { sweepCommand } from './sweep.js';
import { calibrateCommand } from './calibrate.js';
import { envInfoCommand } from './env-info.js';
import { quotesCommand } from './quotes.js';
import { baselineCommand } from './baseline.js';
import { optimumCommand } from './optimum.js';
import { trainCommand } from './train.js';
import { dataCommand } from './data.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- yargs command modules have heterogeneous argument types
export const commands: CommandModule<object, any>[] = [
  trainCommand,
  evalCommand,
  baselineCommand,
  optimumCommand,
  quotesCommand,
  envInfoCommand,
  calibrateCommand,
  dataCommand,
  reportCommand,
  sweepCommand,
];
