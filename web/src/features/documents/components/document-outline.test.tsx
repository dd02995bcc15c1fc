import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DocumentOutline } from './document-outline';
import { DocumentView } from './document-view';

const content = [
  'Intro paragraph before any section.',
  '',
  '## Problem',
  '',
  'Users abandon checkout.',
  '',
  '### A sub-heading',
  '',
  '```md',
  '## Not a heading (inside a code fence)',
  '```',
  '',
  '## **Goals** ##',
  '',
  '- Faster checkout',
  '',
  '## Problem',
  '',
  'A second section with the same title.',
].join('\n');

describe('DocumentOutline and DocumentView', () => {
  it('lists only the ## sections, ignoring ### headings and code fences', () => {
    render(<DocumentOutline content={content} />);
    const nav = screen.getByRole('navigation', { name: 'Outline' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['Problem', 'Goals', 'Problem']);
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['#section-problem', '#section-goals', '#section-problem-2']);
  });

  it('scrolls to and focuses the chosen section heading', async () => {
    const scrollIntoView = vi.fn();
    Element.prototype.scrollIntoView = scrollIntoView;
    render(
      <>
        <DocumentOutline content={content} />
        <DocumentView content={content} label="Checkout PRD" />
      </>,
    );
    await userEvent.click(screen.getByRole('link', { name: 'Goals' }));
    const heading = screen.getByRole('heading', { level: 2, name: 'Goals' });
    expect(heading).toHaveFocus();
    expect(heading).toHaveAttribute('id', 'section-goals');
    expect(scrollIntoView).toHaveBeenCalled();
    await userEvent.click(screen.getAllByRole('link', { name: 'Problem' })[1]);
    expect(document.getElementById('section-problem-2')).toHaveFocus();
  });

  it('renders each section as a region with its actions slot and the fenced code intact', () => {
    render(<DocumentView content={content} label="Checkout PRD" sectionActions={(s) => <button type="button">Rewrite {s.title}</button>} />);
    const article = screen.getByRole('article', { name: 'Checkout PRD' });
    const regions = within(article).getAllByRole('region');
    expect(regions).toHaveLength(3);
    expect(within(regions[0]).getByRole('button', { name: 'Rewrite Problem' })).toBeInTheDocument();
    expect(within(regions[1]).getByRole('button', { name: 'Rewrite Goals' })).toBeInTheDocument();
    expect(within(regions[0]).getByText('## Not a heading (inside a code fence)')).toBeInTheDocument();
    expect(within(regions[0]).getByRole('heading', { level: 3, name: 'A sub-heading' })).toBeInTheDocument();
    expect(screen.getByText('Intro paragraph before any section.')).toBeInTheDocument();
  });

  it('says when there are no sections or no content', () => {
    render(
      <>
        <DocumentOutline content="Just a paragraph." />
        <DocumentView content="   " />
      </>,
    );
    expect(screen.getByText(/No sections yet/)).toBeInTheDocument();
    expect(screen.getByText('This document is empty.')).toBeInTheDocument();
  });
});
