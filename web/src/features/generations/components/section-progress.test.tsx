import { describe, expect, it } from 'vitest';
import { sectionPosition } from './section-progress';

describe('the section a PRD is writing', () => {
  it('is the last level-2 heading so far, counted against the template', () => {
    expect(sectionPosition('', 11)).toBeNull();
    expect(sectionPosition('# Acme\n\nintro', 11)).toBeNull();
    const text = '# Acme\n\n## Executive Summary\n\ntext\n\n### Detail\n\n## Problem Statement\n\nmore';
    expect(sectionPosition(text, 11)).toEqual({ index: 2, title: 'Problem Statement', total: 11 });
    expect(sectionPosition(text)).toEqual({ index: 2, title: 'Problem Statement', total: undefined });
    // A model that writes more sections than the template has: no "of N".
    expect(sectionPosition(text, 1)).toEqual({ index: 2, title: 'Problem Statement', total: undefined });
  });
});
