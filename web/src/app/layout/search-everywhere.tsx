import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useProjects } from '@/features/projects';
import { isPaletteShortcut, SearchButton, type PaletteProject } from '@/features/search';
import { useAuth, useCurrentOrg } from '@/lib/auth';
import { paletteTargets } from './palette-targets';

// The palette's code loads the first time it opens.
const CommandPalette = lazy(() =>
  import('@/features/search/components/command-palette').then((m) => ({ default: m.CommandPalette })),
);

/**
 * The header's search button and the ⌘K / Ctrl+K shortcut, and the palette
 * they open, fed with the current organization's projects (read when it
 * first opens) and the pages the caller may visit.
 */
export function SearchEverywhere() {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const { me } = useAuth();
  const { orgId, can } = useCurrentOrg();
  const projects = useProjects(loaded ? orgId : null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPaletteShortcut(e)) return;
      e.preventDefault();
      setLoaded(true);
      setOpen((o) => !o);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const projectItems = useMemo<PaletteProject[]>(
    () => projects.items.map((p) => ({ id: p.id ?? '', name: p.name ?? '', key: p.key ?? '' })).filter((p) => p.id),
    [projects.items],
  );
  const pages = useMemo(() => paletteTargets(can, !!me?.user.is_admin), [can, me?.user.is_admin]);

  return (
    <>
      <SearchButton
        onClick={() => {
          setLoaded(true);
          setOpen(true);
        }}
      />
      {loaded ? (
        <Suspense fallback={null}>
          <CommandPalette open={open} onClose={() => setOpen(false)} orgId={orgId} pages={pages} projects={projectItems} />
        </Suspense>
      ) : null}
    </>
  );
}
