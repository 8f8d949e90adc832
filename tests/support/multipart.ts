/** The GraphQL multipart request a browser sends for `uploadFile(input: { name, file })`. */

/** The header GraphiQL and every program send: a multipart POST without it is refused as a possible cross-site request. */
export const CSRF_HEADER = { "x-graphql-yoga-csrf": "1" };

export function uploadForm(name: string, content: string): FormData {
  const form = new FormData();
  form.append(
    "operations",
    JSON.stringify({
      query: `mutation ($file: File!) { uploadFile(input: { name: ${JSON.stringify(name)}, file: $file }) { sizeBytes } }`,
      variables: { file: null },
    }),
  );
  form.append("map", JSON.stringify({ 0: ["variables.file"] }));
  form.append("0", new Blob([content]), name);
  return form;
}
