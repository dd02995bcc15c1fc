import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button } from '@/components/button';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { examplePrdBrief, examplePrdRequest, generationPath, startGeneration } from '@/features/generations';
import { useQuickCreateProject, type FirstRunContext } from '@/features/projects';
import './first-run.css';

/** Where the template gallery to start from lives. */
export const startFromTemplatePath = '/templates';

const exampleProject = {
  name: 'Example project',
  description: `A made-up product (${examplePrdBrief.product_name}) to see what PRISM does. Delete it whenever you like.`,
};

/**
 * What an organization without projects shows instead of a bare page: create
 * a first project, have an example PRD written (offline template provider,
 * through the real generation API), or start from a template. Members and
 * viewers, who cannot create projects, get the gallery and who to ask.
 */
export function FirstRunPanel({ orgId, canCreate, createProject: openCreateDialog }: FirstRunContext) {
  const navigate = useNavigate();
  const [projectId, setProjectId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const createProject = useQuickCreateProject(orgId);

  if (!canCreate) {
    return (
      <EmptyState
        title="No projects yet"
        action={
          <Link className="btn btn-secondary" to={startFromTemplatePath}>
            Browse the PRD templates
          </Link>
        }
      >
        Nobody has created a project in this organization yet; admins and owners create them. Meanwhile, you can look through the PRD templates
        and what each section is for.
      </EmptyState>
    );
  }

  const generateExample = async () => {
    setBusy(true);
    setError(null);
    try {
      // A retry after a failed start reuses the project made the first time.
      let id = projectId;
      if (!id) {
        const project = await createProject.mutateAsync(exampleProject);
        id = project.id ?? null;
        setProjectId(id);
      }
      if (!id) throw new Error('The example project was created without an id.');
      const started = await startGeneration(id, examplePrdRequest);
      navigate(generationPath(started.id));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">No projects yet: three ways to start</h2>
      <p className="muted">A project holds one product’s PRDs, its backlog of user stories and its AI generations.</p>
      <ul className="grid-cards first-run-options">
        <li className="card first-run-option">
          <h3>Create your first project</h3>
          <p>Name it after the product you are planning. You write PRDs in it by hand, from a template, or with AI.</p>
          <div className="first-run-action">
            <Button variant="primary" onClick={openCreateDialog}>
              Create a project
            </Button>
          </div>
        </li>
        <li className="card first-run-option">
          <h3>See an example PRD</h3>
          <p>
            PRISM makes an “{exampleProject.name}” and writes a complete PRD for a made-up product, {examplePrdBrief.product_name}, with the offline
            template writer. It is not AI: no AI provider and no cost, and you watch it being written.
          </p>
          <div className="first-run-action">
            <Button onClick={() => void generateExample()} loading={busy}>
              Generate an example PRD
            </Button>
          </div>
          {error ? <ErrorMessage error={error} title="The example could not be started" /> : null}
        </li>
        <li className="card first-run-option">
          <h3>Start from a template</h3>
          <p>Look through the PRD templates, the sections each gives a document and the guidance for each section, then start a document from one.</p>
          <div className="first-run-action">
            <Link className="btn btn-secondary" to={startFromTemplatePath}>
              Browse templates
            </Link>
          </div>
        </li>
      </ul>
    </section>
  );
}
