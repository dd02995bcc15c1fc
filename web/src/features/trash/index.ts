// Public surface of the trash feature for the app layer (src/app/routes).
export { TrashPanel } from './components/trash-panel';
