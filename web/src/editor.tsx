/**
 * The code editor: CodeMirror 6 with the four languages' highlighting (Python and JavaScript from
 * their Lezer packages; C# and shell from legacy-modes, which have no Lezer grammar), light or dark
 * with the system's colour scheme. Tab moves focus on (no indent-with-Tab trap): keyboard users can
 * leave the editor. Mod-Enter runs.
 */
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { python } from "@codemirror/lang-python";
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  type LanguageSupport,
  StreamLanguage,
  type StreamParser,
  syntaxHighlighting,
} from "@codemirror/language";
import { csharp } from "@codemirror/legacy-modes/mode/clike";
import { shell } from "@codemirror/legacy-modes/mode/shell";
import { Compartment, EditorState, type Extension, Prec } from "@codemirror/state";
import { oneDarkHighlightStyle } from "@codemirror/theme-one-dark";
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers } from "@codemirror/view";
import { useEffect, useRef } from "preact/hooks";

function languageExtension(language: string): LanguageSupport | StreamLanguage<unknown> | Extension {
  switch (language) {
    case "PYTHON":
      return python();
    case "NODE":
      return javascript();
    case "CSHARP":
      return StreamLanguage.define(csharp as StreamParser<unknown>);
    case "BASH":
      return StreamLanguage.define(shell as StreamParser<unknown>);
    default:
      return [];
  }
}

const darkScheme = matchMedia("(prefers-color-scheme: dark)");
const highlighting = (dark: boolean) => syntaxHighlighting(dark ? oneDarkHighlightStyle : defaultHighlightStyle);

/** Colours come from the page's CSS variables, which follow prefers-color-scheme. */
const baseTheme = EditorView.theme({
  "&": {
    backgroundColor: "var(--surface)",
    color: "var(--text)",
    border: "1px solid var(--border)",
    borderRadius: "6px",
  },
  "&.cm-focused": { outline: "2px solid var(--accent)", outlineOffset: "1px" },
  ".cm-scroller": { fontFamily: "var(--mono)", minHeight: "12rem", maxHeight: "60vh" },
  ".cm-gutters": { backgroundColor: "var(--surface-2)", color: "var(--muted)", border: "none" },
  ".cm-activeLine": { backgroundColor: "var(--active-line)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--active-line)" },
  ".cm-content": { caretColor: "var(--text)" },
  ".cm-cursor": { borderLeftColor: "var(--text)" },
});

export function CodeEditor(props: {
  language: string;
  /** The initial text, and the text put in whenever `replaced` changes. */
  value: string;
  /** Changes when the caller replaces the text (a number it counts up). */
  replaced: number;
  label: string;
  onChange(value: string): void;
  onRun(): void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  const themeSlot = useRef(new Compartment());
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    if (!host.current) return;
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          lineNumbers(),
          history(),
          drawSelection(),
          highlightActiveLine(),
          bracketMatching(),
          indentOnInput(),
          Prec.highest(
            keymap.of([
              {
                key: "Mod-Enter",
                run: () => {
                  latest.current.onRun();
                  return true;
                },
              },
            ]),
          ),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          languageSlot.current.of(languageExtension(latest.current.language)),
          themeSlot.current.of(highlighting(darkScheme.matches)),
          baseTheme,
          EditorView.contentAttributes.of({ "aria-label": latest.current.label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    const onScheme = () =>
      created.dispatch({ effects: themeSlot.current.reconfigure(highlighting(darkScheme.matches)) });
    darkScheme.addEventListener("change", onScheme);
    return () => {
      darkScheme.removeEventListener("change", onScheme);
      created.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: languageSlot.current.reconfigure(languageExtension(props.language)) });
  }, [props.language]);

  // The text is the editor's own; `value` replaces it only when `replaced` changes (a language's
  // sample). Pushing every value back in raced the renders behind the typing: each replaced the
  // text just typed, whose report replaced it again, without end.
  useEffect(() => {
    const current = view.current;
    if (current && current.state.doc.toString() !== latest.current.value) {
      current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: latest.current.value } });
    }
  }, [props.replaced]);

  return <div class="editor" ref={host} />;
}
