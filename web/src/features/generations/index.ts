// Public surface of the generations feature for the app layer (src/app/routes).
export { GenerateStoriesButton, RewriteSectionButton, type GenerateStoriesButtonProps, type RewriteSectionButtonProps } from './components/ai-document-actions';
export { GenerateStoriesPanel, type GenerateStoriesPanelProps } from './components/generate-stories-panel';
export { GenerationHistory } from './components/generation-history';
export { GenerationLive } from './components/generation-live';
export { RewriteSectionDialog, type RewriteSectionDialogProps } from './components/rewrite-section-dialog';
export type { OrgAi } from './org-ai';
export { NewPrdRoute } from './routes/new-prd';
export { generationPath, newPrdPath } from './paths';
export { startGeneration } from './api/generations-api';
export { examplePrdBrief, examplePrdRequest } from './example-prd';
