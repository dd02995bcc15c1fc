// Public surface of the search feature for the app layer (src/app/layout).
export { SearchButton } from './components/search-button';
export { isPaletteShortcut, type PaletteProject, type PaletteTarget } from './lib/palette';
