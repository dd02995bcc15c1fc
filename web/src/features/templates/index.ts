// Public surface of the templates feature for the app layer (src/app/routes).
export { useOrgTemplates, type Template } from './api/templates-api';
export { TemplateGallery, type TemplateGalleryProps } from './components/template-gallery';
export { TemplatePreview } from './components/template-preview';
export { TemplatesPanel, templatesBase } from './components/templates-panel';
