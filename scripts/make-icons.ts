/**
 * Draws the Teams app icons into `manifest/`: `color.png` (192×192, the mark in white on the accent colour)
 * and `outline.png` (32×32, the same mark in white on transparent, as Teams requires for its outline icon).
 * The PNGs are committed; run `npm run icons` again only after changing the mark or the colour.
 *
 * The mark is a school (a roof over a building) with a check mark cut out of its front, drawn from a few
 * shapes in a unit square and sampled 4×4 per pixel so the edges stay smooth at 32 px as well as 192 px.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';

/** The app's accent colour; the manifest's `accentColor` must be the same. */
export const ACCENT_COLOUR = '#235789';

/** The sizes Teams requires for each icon. */
export const ICON_SIZES = { color: 192, outline: 32 } as const;

type Point = readonly [number, number];
/** Whether a point of the unit square lies inside the shape. */
type Shape = (x: number, y: number) => boolean;
type Rgba = readonly [number, number, number, number];
/** Paint a shape in a colour, or erase it back to transparent (a cut-out in the outline icon). */
type Layer = { shape: Shape; paint: Rgba | 'erase' };

const rect =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x < x1 && y >= y0 && y < y1;

/** Inside a polygon, by the even-odd rule. */
const polygon =
  (points: readonly Point[]): Shape =>
  (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i]!;
      const [xj, yj] = points[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };

/** Within half the width of a polyline: a stroke with round ends and joins. */
const stroke =
  (points: readonly Point[], width: number): Shape =>
  (x, y) => {
    for (let i = 1; i < points.length; i++) {
      const [ax, ay] = points[i - 1]!;
      const [bx, by] = points[i]!;
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      if (Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= width / 2) return true;
    }
    return false;
  };

function hexToRgba(hex: string): Rgba {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
}

const WHITE: Rgba = [255, 255, 255, 255];

/**
 * The school mark. `strokeScale` thickens the check for the 32 px icon, where a thin line would blur.
 * Coordinates are fractions of the icon's side, y downwards.
 */
function schoolMark(strokeScale: number) {
  return {
    building: [
      polygon([
        [0.5, 0.16],
        [0.86, 0.4],
        [0.14, 0.4],
      ]),
      rect(0.22, 0.4, 0.78, 0.8),
      rect(0.12, 0.8, 0.88, 0.86),
    ],
    check: stroke(
      [
        [0.35, 0.6],
        [0.46, 0.7],
        [0.66, 0.49],
      ],
      0.075 * strokeScale,
    ),
  };
}

/** Renders layers in order onto a transparent square, sampling each pixel `samples`² times. */
export function paint(size: number, layers: readonly Layer[], samples = 4): PNG {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sums = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let colour: Rgba = [0, 0, 0, 0];
          for (const layer of layers) if (layer.shape(x, y)) colour = layer.paint === 'erase' ? [0, 0, 0, 0] : layer.paint;
          // Premultiplied sums, so a transparent sample adds no colour to an edge pixel.
          const a = colour[3] / 255;
          sums[0]! += colour[0] * a;
          sums[1]! += colour[1] * a;
          sums[2]! += colour[2] * a;
          sums[3]! += a;
        }
      }
      const i = (py * size + px) * 4;
      const alpha = sums[3]!;
      for (let c = 0; c < 3; c++) png.data[i + c] = alpha === 0 ? 0 : Math.round(sums[c]! / alpha);
      png.data[i + 3] = Math.round((alpha / (samples * samples)) * 255);
    }
  }
  return png;
}

/** The 192×192 full-colour icon: the white mark on the accent colour, the check in the accent colour. */
export function drawColorIcon(): Buffer {
  const accent = hexToRgba(ACCENT_COLOUR);
  const mark = schoolMark(1);
  return PNG.sync.write(
    paint(ICON_SIZES.color, [
      { shape: () => true, paint: accent },
      ...mark.building.map((shape) => ({ shape, paint: WHITE })),
      { shape: mark.check, paint: accent },
    ]),
  );
}

/** The 32×32 outline icon: the white mark on transparent, the check cut out. */
export function drawOutlineIcon(): Buffer {
  const mark = schoolMark(1.4);
  return PNG.sync.write(
    paint(ICON_SIZES.outline, [...mark.building.map((shape) => ({ shape, paint: WHITE })), { shape: mark.check, paint: 'erase' as const }]),
  );
}

async function main(): Promise<void> {
  const dir = fileURLToPath(new URL('../manifest/', import.meta.url));
  await writeFile(`${dir}color.png`, drawColorIcon());
  await writeFile(`${dir}outline.png`, drawOutlineIcon());
  console.log(`Wrote ${dir}color.png (${ICON_SIZES.color}×${ICON_SIZES.color}) and ${dir}outline.png (${ICON_SIZES.outline}×${ICON_SIZES.outline}).`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
