// Small progressive enhancements; every page works without them.

function countdownText(target) {
  const minutes = Math.max(0, Math.round((target - Date.now()) / 60000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const parts = [];
  if (days) parts.push(`${days} hari`);
  if (hours) parts.push(`${hours} jam`);
  if (!days) parts.push(`${minutes % 60} menit`);
  return minutes ? `Dimulai dalam ${parts.join(" ")}` : "Segera dimulai";
}

for (const element of document.querySelectorAll("[data-countdown]")) {
  const target = Date.parse(element.dataset.countdown);
  if (Number.isNaN(target)) continue;
  const update = () => { element.textContent = countdownText(target); };
  update();
  setInterval(update, 30000);
}

// Video players load from YouTube only when the reader asks to play.
for (const container of document.querySelectorAll("[data-video-embed]")) {
  const trigger = container.querySelector(".video__play");
  trigger.addEventListener("click", (event) => {
    event.preventDefault();
    const frame = document.createElement("iframe");
    frame.src = container.dataset.videoEmbed;
    frame.title = container.dataset.videoTitle;
    frame.allow = "accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    container.replaceChildren(frame);
  });
}
