/** Images: the list with status, languages and installed packages; create one; install packages; logs live. */
import { useEffect, useState } from "preact/hooks";
import { ErrorMessage } from "../errors";
import { request } from "../graphql";
import { JobLog } from "../job-log";
import { useLanguages } from "../languages";

interface Image {
  id: string;
  name: string;
  status: string;
  languages: string[];
  error: string | null;
  sizeBytes: number | null;
  createdAt: string;
  packages: { manager: string; name: string; version: string | null }[];
}

const LIST = `{ images { id name status languages error sizeBytes createdAt packages { manager name version } } }`;
const CREATE = "mutation Create($input: CreateImageInput!) { createImage(input: $input) { id status } }";
const INSTALL = "mutation Install($input: InstallPackagesInput!) { installPackages(input: $input) { id status } }";
const CANCEL_BUILD = "mutation CancelBuild($id: ID!) { cancelImageBuild(id: $id) { id status } }";
const CANCEL_INSTALL = "mutation CancelInstall($id: ID!) { cancelPackageInstallation(id: $id) { id status } }";
const REMOVE = "mutation Remove($id: ID!) { removeImage(id: $id) }";

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function ImagesView() {
  const [images, setImages] = useState<Image[]>([]);
  const [listError, setListError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set(["PYTHON"]));
  const [target, setTarget] = useState("default");
  const [manager, setManager] = useState("PIP");
  const [specs, setSpecs] = useState("");
  const [build, setBuild] = useState<{ id: string; name: string } | null>(null);
  const [install, setInstall] = useState<{ id: string; title: string } | null>(null);
  const { languages, managers, nameOf, error: languagesError } = useLanguages();

  const refresh = () =>
    request<{ images: Image[] }>(LIST).then((data) => {
      setImages(data.images);
      setListError(null);
    }, setListError);
  useEffect(() => {
    refresh();
  }, []);

  async function create(event: Event) {
    event.preventDefault();
    setActionError(null);
    try {
      const { createImage } = await request<{ createImage: { id: string } }>(CREATE, {
        input: {
          name: name.trim(),
          languages: languages.map((entry) => entry.language).filter((language) => chosen.has(language)),
        },
      });
      setBuild({ id: createImage.id, name: name.trim() });
      setName("");
      refresh();
    } catch (error) {
      setActionError(error);
    }
  }

  async function installPackages(event: Event) {
    event.preventDefault();
    setActionError(null);
    const packages = specs.split(/[\s,]+/).filter(Boolean);
    try {
      const { installPackages } = await request<{ installPackages: { id: string } }>(INSTALL, {
        input: { imageId: target, manager, packages, wait: false },
      });
      const image = images.find((candidate) => candidate.id === target);
      setInstall({ id: installPackages.id, title: `Installing ${packages.join(" ")} into ${image?.name ?? target}` });
      setSpecs("");
    } catch (error) {
      setActionError(error);
    }
  }

  const act = (query: string, id: string) => {
    setActionError(null);
    request(query, { id }).then(refresh, setActionError);
  };

  return (
    <section class="view" aria-labelledby="images-heading">
      <h1 id="images-heading">Images</h1>
      <ErrorMessage error={actionError} />
      <ErrorMessage error={languagesError} />
      <div class="forms">
        <form class="panel" onSubmit={create} aria-labelledby="create-heading">
          <h2 id="create-heading">Create an image</h2>
          <label class="field">
            <span>Image name</span>
            <input
              value={name}
              required
              pattern="[a-z0-9]+([._\-/][a-z0-9]+)*"
              placeholder="my-python"
              onInput={(event) => setName(event.currentTarget.value)}
            />
          </label>
          <fieldset>
            <legend>Languages</legend>
            {languages.map(({ language, name }) => (
              <label key={language} class="check">
                <input
                  type="checkbox"
                  checked={chosen.has(language)}
                  onChange={(event) => {
                    const next = new Set(chosen);
                    if (event.currentTarget.checked) next.add(language);
                    else next.delete(language);
                    setChosen(next);
                  }}
                />
                {name}
              </label>
            ))}
          </fieldset>
          <button type="submit" class="primary" disabled={chosen.size === 0}>
            Create image
          </button>
        </form>
        <form class="panel" onSubmit={installPackages} aria-labelledby="install-heading">
          <h2 id="install-heading">Install packages</h2>
          <label class="field">
            <span>Into image</span>
            <select value={target} onChange={(event) => setTarget(event.currentTarget.value)}>
              {images
                .filter((image) => image.status === "READY")
                .map((image) => (
                  <option key={image.id} value={image.id}>
                    {image.name}
                  </option>
                ))}
            </select>
          </label>
          <label class="field">
            <span>Package manager</span>
            <select value={manager} onChange={(event) => setManager(event.currentTarget.value)}>
              {managers.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>Packages</span>
            <input
              value={specs}
              required
              placeholder="requests==2.31.0 lodash@4.17.21"
              onInput={(event) => setSpecs(event.currentTarget.value)}
            />
          </label>
          <button type="submit" class="primary">
            Install
          </button>
        </form>
      </div>
      {build ? (
        <JobLog
          kind="build"
          id={build.id}
          title={`Build of ${build.name}`}
          runningStatus="BUILDING"
          onFinished={refresh}
          onCancel={() => act(CANCEL_BUILD, build.id)}
        />
      ) : null}
      {install ? (
        <JobLog
          kind="install"
          id={install.id}
          title={install.title}
          runningStatus="INSTALLING"
          onFinished={refresh}
          onCancel={() => act(CANCEL_INSTALL, install.id)}
        />
      ) : null}
      <h2>All images</h2>
      <ErrorMessage error={listError} />
      <ul class="list" aria-label="Images">
        {images.map((image) => (
          <li key={image.id} class="list-item image">
            <div class="item-row">
              <strong>{image.name}</strong>
              <span class={`badge status-${image.status.toLowerCase()}`}>{image.status}</span>
              <span>{image.languages.map(nameOf).join(", ")}</span>
              {image.sizeBytes !== null ? <span class="muted">{megabytes(image.sizeBytes)}</span> : null}
              <code class="id">{image.id}</code>
            </div>
            {image.error ? <p class="run-error">{image.error}</p> : null}
            {image.packages.length ? (
              <ul class="packages" aria-label={`Packages in ${image.name}`}>
                {image.packages.map((pkg) => (
                  <li key={`${pkg.manager}:${pkg.name}`}>
                    {pkg.name} {pkg.version ?? ""} <span class="muted">({pkg.manager})</span>
                  </li>
                ))}
              </ul>
            ) : null}
            <div class="actions">
              {image.status === "BUILDING" ? (
                <button type="button" onClick={() => setBuild({ id: image.id, name: image.name })}>
                  Follow build of {image.name}
                </button>
              ) : (
                <button type="button" onClick={() => setBuild({ id: image.id, name: image.name })}>
                  Build log of {image.name}
                </button>
              )}
              {image.id !== "default" ? (
                <button type="button" class="danger" onClick={() => act(REMOVE, image.id)}>
                  Remove {image.name}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
