import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { TabScroller } from './tab-scroller';

export interface TabItem {
  id: string;
  label: ReactNode;
}

/** In-page tabs (WAI-ARIA tabs pattern with arrow keys). */
export function Tabs({
  items,
  value,
  onChange,
  label,
  children,
}: {
  items: TabItem[];
  value: string;
  onChange: (id: string) => void;
  label: string;
  /** The panel of the selected tab. */
  children: ReactNode;
}) {
  const base = useId().replace(/:/g, '');
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const listRef = useRef<HTMLDivElement>(null);
  const onKey = (e: KeyboardEvent) => {
    const index = items.findIndex((t) => t.id === value);
    let next = -1;
    if (e.key === 'ArrowRight') next = (index + 1) % items.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + items.length) % items.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    if (next < 0) return;
    e.preventDefault();
    onChange(items[next].id);
    refs.current[items[next].id]?.focus();
  };
  return (
    <div className="tabs">
      <TabScroller listRef={listRef} current={value}>
        <div ref={listRef} role="tablist" aria-label={label} className="tab-list" onKeyDown={onKey}>
          {items.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                refs.current[t.id] = el;
              }}
              role="tab"
              type="button"
              id={`${base}-tab-${t.id}`}
              aria-selected={t.id === value}
              aria-controls={`${base}-panel`}
              tabIndex={t.id === value ? 0 : -1}
              className="tab"
              onClick={() => onChange(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      </TabScroller>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${value}`} className="tab-panel" tabIndex={0}>
        {children}
      </div>
    </div>
  );
}

/** Tabs that are routes (each tab is a link; the outlet is the panel). */
export function NavTabs({ items, label }: { items: { to: string; label: ReactNode; end?: boolean }[]; label: string }) {
  const listRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  return (
    <TabScroller listRef={listRef} current={pathname}>
      <nav ref={listRef} aria-label={label} className="tab-list nav-tabs">
        {items.map((t) => (
          <NavLink key={t.to} to={t.to} end={t.end} className={({ isActive }) => (isActive ? 'tab active' : 'tab')}>
            {t.label}
          </NavLink>
        ))}
      </nav>
    </TabScroller>
  );
}
