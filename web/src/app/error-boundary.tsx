import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorMessage } from '@/components/error-message';

interface Props {
  children: ReactNode;
  /** Changing this resets the boundary (e.g. the location key). */
  resetKey?: unknown;
}

/** Keeps one broken panel from blanking the whole page. */
export class ErrorBoundary extends Component<Props, { error: unknown }> {
  state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  componentDidUpdate(prev: Props) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('UI error', error, info.componentStack);
  }

  render() {
    if (this.state.error) {
      return <ErrorMessage error={this.state.error} title="This part of the page failed" onRetry={() => this.setState({ error: null })} />;
    }
    return this.props.children;
  }
}
