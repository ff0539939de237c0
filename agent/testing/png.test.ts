import { describe, expect, it } from 'vitest';
import { readPng } from './png';
import { rsvgToPng } from './rsvg';

describe('readPng', () => {
  it('reads back the pixels rsvg-convert painted', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">' +
      '<rect width="40" height="20" fill="#ffffff"/><rect x="20" y="10" width="20" height="10" fill="#ff0000"/></svg>';
    const picture = readPng(rsvgToPng(svg));
    expect([picture.width, picture.height]).toEqual([40, 20]);
    expect(picture.at(5, 5)).toEqual([255, 255, 255, 255]);
    expect(picture.at(30, 15)).toEqual([255, 0, 0, 255]);
  });

  it('refuses what is not a PNG', () => {
    expect(() => readPng(new TextEncoder().encode('<svg/>'))).toThrow('not a PNG');
  });
});
