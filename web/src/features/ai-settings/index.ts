// Public surface of the ai-settings feature for the app layer (src/app).
export { useAiSettings, type AiSettings, type EffectiveAi } from './api/ai-settings-api';
export { AiProviderContact, type AiProviderContactProps } from './components/ai-provider-contact';
export { AiSettingsPanel } from './components/ai-settings-panel';
export { aiSettingsPath } from './paths';
