// Public surface of the stories feature for the app layer (src/app/routes).
export { Backlog, type BacklogProps } from './components/backlog';
