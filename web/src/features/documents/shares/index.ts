export { SharesPanel } from './components/shares-panel';
export { SharedDocumentView } from './components/shared-document-view';
