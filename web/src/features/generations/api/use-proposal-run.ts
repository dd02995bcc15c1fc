import { useState } from 'react';
import { isTerminal, sectionProposal, storiesNote, storyCoverage, storyProposals, useStartGeneration, type GenerationRequest } from './generations-api';
import { useGenerationStream, type UseGenerationStreamOptions } from './use-generation-stream';

/** Starts a proposal generation (section rewrite, stories) and follows it. */
export function useProposalRun(projectId: string, options: UseGenerationStreamOptions = {}) {
  const [generationId, setGenerationId] = useState<string | undefined>();
  const start = useStartGeneration(projectId);
  const { query, generation, state } = useGenerationStream(generationId, options);
  const finished = !!generation && isTerminal(generation.status);
  const succeeded = finished && generation.status === 'succeeded';
  return {
    generationId,
    start: async (request: Omit<GenerationRequest, 'input' | 'cache'> & { input: object; cache?: boolean }) => {
      const started = await start.mutateAsync(request);
      setGenerationId(started.id);
      return started;
    },
    starting: start.isPending,
    startError: start.error,
    query,
    generation,
    state,
    running: !!generationId && !finished,
    finished,
    succeeded,
    proposal: succeeded ? sectionProposal(generation) : null,
    stories: succeeded ? storyProposals(generation) : [],
    storiesNote: succeeded ? storiesNote(generation) : null,
    coverage: succeeded ? storyCoverage(generation) : null,
    reset: () => {
      start.reset();
      setGenerationId(undefined);
    },
  };
}
