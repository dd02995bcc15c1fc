// Client routes this feature links to (the document page belongs to the documents feature).
export const generationPath = (id: string) => `/generations/${id}`;
export const newPrdPath = (projectId: string) => `/projects/${projectId}/new`;
export const documentPath = (_projectId: string, documentId: string) => `/documents/${documentId}`;
