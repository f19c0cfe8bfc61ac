// csops: a little plain JavaScript on top of pages that work without it. It makes filters
// apply on change, lets the outcome form be filled in from the keyboard, moves through the
// queue with j/k, and draws the dashboard's chart. No build step, no dependencies.
// The browser provides these; ESLint's shared configuration knows only Node's.
/* global document, window, Event, HTMLElement, HTMLInputElement, HTMLSelectElement, HTMLTextAreaElement */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  submitFiltersOnChange();
  enableOutcomeKeys();
  enableQueueKeys();
  enableSearchKey();
  drawCharts();
});

/** Selects marked data-autosubmit send their form as soon as they change. */
function submitFiltersOnChange() {
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form?.requestSubmit());
  }
}

/** Whether a key press belongs to a field the person is typing in. */
function isTyping(target) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["radio", "checkbox"].includes(target.type);
}

/**
 * The outcome form: each choice's letter (shown underlined) picks it, Ctrl+Enter (or
 * Cmd+Enter) saves from anywhere on the page. F shows the follow-up date, filled in a week
 * ahead, and moves on to the note (Shift+Tab goes back to change the date: Tab inside a date
 * field only moves between its day, month and year). The date field is shown only when
 * "Follow-up needed" is chosen.
 */
function enableOutcomeKeys() {
  const form = document.querySelector("form[data-outcome-form]");
  if (!form) return;
  const field = form.querySelector("[data-follow-up-field]");
  const note = form.querySelector("textarea");
  const showFollowUp = () => {
    const result = form.querySelector('input[name="result"]:checked')?.value;
    if (field) field.hidden = result !== "follow_up";
  };
  for (const radio of form.querySelectorAll('input[name="result"]')) {
    radio.addEventListener("change", showFollowUp);
  }
  showFollowUp();
  // "Customer will cancel" closes every task of the customer and cannot be undone here.
  form.addEventListener("submit", (event) => {
    const result = form.querySelector('input[name="result"]:checked')?.value;
    if (result !== "will_cancel") return;
    const sure = window.confirm(
      "Mark this customer as canceling? Every task of theirs closes and later runs skip them.",
    );
    if (!sure) event.preventDefault();
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    const radio = form.querySelector(`input[type="radio"][data-key="${event.key.toLowerCase()}"]`);
    if (!radio) return;
    event.preventDefault();
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true }));
    if (radio.value === "follow_up" && note) note.focus();
    else radio.focus();
  });

  // Start on the first choice, so arrow keys and letters work at once.
  if (document.activeElement === document.body) {
    form.querySelector('input[type="radio"]:checked, input[type="radio"]')?.focus();
  }
}

/** The queue: j and k move through the tasks, Enter opens the one with focus. */
function enableQueueKeys() {
  const links = [...document.querySelectorAll("table.queue a.task-link")];
  if (links.length === 0) return;
  let current = -1;

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    if (event.key !== "j" && event.key !== "k") return;
    event.preventDefault();
    const focused = links.indexOf(document.activeElement);
    if (focused >= 0) current = focused;
    current = Math.max(0, Math.min(links.length - 1, current + (event.key === "j" ? 1 : -1)));
    for (const row of document.querySelectorAll("table.queue tr.focused")) {
      row.classList.remove("focused");
    }
    links[current].closest("tr")?.classList.add("focused");
    links[current].focus();
  });
}

/** "/" jumps to the customer search. */
function enableSearchKey() {
  const search = document.querySelector("input[data-search]");
  if (!search) return;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || isTyping(event.target)) return;
    event.preventDefault();
    search.focus();
  });
}

/** Segment colours, as in the stylesheet. */
const COLOURS = {
  revenue_at_risk: "#b42318",
  onboarding_stuck: "#b54708",
  engagement_drop: "#e0a526",
  expansion_opportunity: "#1f5fbf",
  healthy_stable: "#067647",
  data_gap: "#5b6475",
  none: "#c4cad4",
};

/** A stacked bar per run date, from the data the page put on the canvas. */
function drawCharts() {
  const canvases = document.querySelectorAll("canvas[data-chart]");
  if (canvases.length === 0 || typeof window.Chart !== "function") return;
  for (const canvas of canvases) {
    const data = JSON.parse(canvas.dataset.chart);
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map((series) => ({
          label: series.label,
          data: series.data,
          backgroundColor: COLOURS[series.bucket] ?? "#888",
          maxBarThickness: 80,
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true },
          y: { stacked: true, title: { display: true, text: "customers" } },
        },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }
}
