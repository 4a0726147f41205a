// A background task's page: ask how far it is every second and move the bar, without
// reloading; when it is done, show the download. Without JavaScript the page refreshes.
(function () {
  const taak = document.getElementById("taak");
  if (!taak) return;
  const balk = document.getElementById("taak-voortgang");
  const status = document.getElementById("taak-status");
  const tekst = document.getElementById("taak-tekst");
  const bestand = document.getElementById("taak-bestand");
  async function vraag() {
    const antwoord = await fetch(taak.dataset.stand, { headers: { Accept: "application/json" } });
    if (!antwoord.ok) return setTimeout(vraag, 3000);
    const stand = await antwoord.json();
    status.textContent = stand.status_tekst.charAt(0).toUpperCase() + stand.status_tekst.slice(1);
    tekst.textContent = stand.tekst;
    if (balk && stand.procent !== null) balk.value = stand.procent;
    if (stand.bestand) {
      const link = bestand.querySelector("a");
      link.href = stand.bestand;
      link.textContent = "Download " + stand.bestandsnaam;
      bestand.hidden = false;
    }
    if (stand.status === "wacht" || stand.status === "bezig") setTimeout(vraag, 1000);
    else if (stand.status === "mislukt") window.location.reload();
  }
  setTimeout(vraag, 1000);
})();
