import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { I18nProvider } from "./lib/i18n";
import { UndoProvider } from "./lib/undo";
import "./styles.css";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <UndoProvider>
          <App />
        </UndoProvider>
      </I18nProvider>
    </StrictMode>,
  );
}
