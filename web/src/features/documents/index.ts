// Public surface of the documents feature for the app layer (src/app/routes).
export { createDocument, useDocument, documentKeys, type Doc, type LintFinding, type LoadedDocument } from './api/documents-api';
export { DocumentsTab } from './components/documents-tab';
export { DocumentScreen, type DocumentContext, type DocumentScreenProps } from './components/document-screen';
export { DocumentView, type DocumentViewProps } from './components/document-view';
export { SharedDocumentView } from './shares';
export { splitSections, type Section } from './lib/sections';
