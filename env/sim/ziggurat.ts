/**
 * Ziggurat tables for standard normal sampling (Marsaglia & Tsang 2000, "The Ziggurat Method
 * for Generating Random Variables", J. Stat. Softw. 5(8), the 128-layer RNOR tables:
 * r = 3.442619855899, v = 9.91256303526217e-3). Computed once, frozen (constant data, not state).
 *
 * Use (see StreamRngs.normal): j = a signed 32-bit draw, i = the layer from a SEPARATE draw
 * (Doornik 2005: reusing j's low bits for the layer correlates them); if |j| < kn[i] return
 * j * wn[i] (about 98.8% of draws); otherwise fall back to the wedge / tail tests.
 */
const R = 3.442619855899;
const V = 9.91256303526217e-3;
const M1 = 2147483648.0;

function buildTables(): { kn: readonly number[]; wn: readonly number[]; fn: readonly number[] } {
  const kn = new Array<number>(128).fill(0);
  const wn = new Array<number>(128).fill(0);
  const fn = new Array<number>(128).fill(0);
  let dn = R;
  let tn = dn;
  const q = V / Math.exp(-0.5 * dn * dn);
  kn[0] = (dn / q) * M1;
  kn[1] = 0;
  wn[0] = q / M1;
  wn[127] = dn / M1;
  fn[0] = 1;
  fn[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = (dn / tn) * M1;
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / M1;
  }
  return { kn: Object.freeze(kn), wn: Object.freeze(wn), fn: Object.freeze(fn) };
}

export const ZIGGURAT = Object.freeze(buildTables());
export const ZIGGURAT_R = R;
