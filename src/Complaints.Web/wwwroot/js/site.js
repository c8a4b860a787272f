// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Institution suggestions (htmx fills #institution-suggestions): picking one fills the name and the id.
  document.addEventListener("click", function (event) {
    var pick = event.target.closest("[data-institution-id]");
    if (!pick) return;
    var name = document.getElementById("InstitutionName");
    var id = document.getElementById("InstitutionId");
    if (name && id) {
      name.value = pick.getAttribute("data-institution-name");
      id.value = pick.getAttribute("data-institution-id");
      document.getElementById("institution-suggestions").innerHTML = "";
      name.focus();
    }
  });

  // Typing another name forgets a picked institution.
  document.addEventListener("input", function (event) {
    if (event.target.id === "InstitutionName") {
      var id = document.getElementById("InstitutionId");
      if (id) id.value = "";
    }
  });

  // The earlier-complaint details only matter when the box is ticked.
  function syncPrior() {
    var box = document.getElementById("ComplainedToInstitution");
    var details = document.getElementById("prior-details");
    if (box && details) details.hidden = !box.checked;
  }
  document.addEventListener("change", function (event) {
    if (event.target.id === "ComplainedToInstitution") syncPrior();
  });
  syncPrior();

  // Receipt: copy, download as a text file, print.
  function status(text) {
    var el = document.querySelector(".copy-status");
    if (el) el.textContent = text;
  }
  document.addEventListener("click", function (event) {
    var copy = event.target.closest("[data-copy-receipt]");
    if (copy && navigator.clipboard) {
      navigator.clipboard.writeText(copy.getAttribute("data-text")).then(function () {
        status(copy.getAttribute("data-copied"));
      });
    }
    var download = event.target.closest("[data-download-receipt]");
    if (download) {
      var blob = new Blob([download.getAttribute("data-text")], { type: "text/plain;charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = download.getAttribute("data-filename");
      document.body.appendChild(link);
      link.click();
      link.remove();
    }
    if (event.target.closest("[data-print]")) window.print();
  });

  // After a failed submission, take keyboard and screen-reader users to the list of problems.
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
