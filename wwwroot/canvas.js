// The studio canvas's keyboard shortcuts and wheel: +/= zoom in, - zoom out, 0 or F fit to view, only while the focus
// is not in a text field and no modifier is held; the wheel over the canvas zooms it (Z.Blazor.Diagrams' ZoomBehavior)
// and never scrolls the page as well.
window.studioCanvas = {
    attached: new Map(),
    keys: { "+": "in", "=": "in", "-": "out", "_": "out", "0": "fit", "f": "fit", "F": "fit" },
    isTextField(el) {
        if (!el) return false;
        if (el.isContentEditable) return true;
        const tag = el.tagName;
        if (tag === "TEXTAREA" || tag === "SELECT") return true;
        if (tag !== "INPUT") return false;
        return !["button", "checkbox", "radio", "range", "submit", "reset", "color", "file"].includes((el.type || "").toLowerCase());
    },
    attach(element, dotnet) {
        if (!element) return;
        const onWheel = e => e.preventDefault();
        const onKey = e => {
            const action = this.keys[e.key];
            if (!action || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || this.isTextField(document.activeElement)) return;
            e.preventDefault();
            dotnet.invokeMethodAsync("OnShortcutAsync", action);
        };
        element.addEventListener("wheel", onWheel, { passive: false });
        document.addEventListener("keydown", onKey);
        this.attached.set(element, { onWheel, onKey });
    },
    detach(element) {
        const handlers = this.attached.get(element);
        if (!handlers) return;
        element.removeEventListener("wheel", handlers.onWheel);
        document.removeEventListener("keydown", handlers.onKey);
        this.attached.delete(element);
    },
};
