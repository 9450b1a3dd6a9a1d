// The studio's colour scheme: the person's choice (localStorage), else the system's (prefers-color-scheme) on a first visit.
window.studioTheme = {
    key: "wfs.theme",
    get() {
        let stored = null;
        try { stored = window.localStorage.getItem(this.key); } catch (e) { console.warn("theme: localStorage unavailable", e); }
        if (stored === "dark" || stored === "light") {
            return stored;
        }
        return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
    },
    set(theme) {
        try { window.localStorage.setItem(this.key, theme); } catch (e) { console.warn("theme: localStorage unavailable", e); }
    },
};
