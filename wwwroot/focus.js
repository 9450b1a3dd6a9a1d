// The page heading takes the focus on navigation (FocusOnNavigate) so screen readers announce the new page; app.css shows
// its ring only when the person is using the keyboard. The last input kind is kept on <html data-input="keyboard|pointer">.
(function () {
    const root = document.documentElement;
    document.addEventListener("keydown", e => {
        if (!e.ctrlKey && !e.metaKey && !e.altKey) {
            root.dataset.input = "keyboard";
        }
    }, true);
    document.addEventListener("pointerdown", () => { root.dataset.input = "pointer"; }, true);
})();
